package io.opensbc.cluster.ownership;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.Transport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's nodes by their name on the wire, in the Hazelcast map {@value #NODES}: each node's
 * Hazelcast member, mode and SIP listeners (the service addresses a survivor binds when it fails).
 * Mirrored locally through an entry listener, so "is the owner of this call alive" is answered
 * without a remote call.
 */
public final class NodeDirectory {
  public static final String NODES = "sbc.nodes";

  /** What a node published about itself. */
  public record NodeEntry(String name, UUID member, ClusterConfig.Mode mode, List<ListenerConfig> listeners) {}

  private final HazelcastInstance hz;
  private final IMap<String, String> map;
  private final Map<String, NodeEntry> nodes = new ConcurrentHashMap<>();

  public NodeDirectory(HazelcastInstance hz) {
    this.hz = hz;
    this.map = hz.getMap(NODES);
  }

  /** Starts mirroring the directory, then publishes this node in it. Blocks: not on an event loop. */
  public void register(String name, ClusterConfig.Mode mode, List<ListenerConfig> listeners) {
    map.addEntryListener(new Mirror(), true);
    for (Map.Entry<String, String> e : map.entrySet()) {
      nodes.put(e.getKey(), decode(e.getKey(), e.getValue()));
    }
    NodeEntry me = new NodeEntry(name, hz.getCluster().getLocalMember().getUuid(), mode, listeners);
    nodes.put(name, me);
    map.set(name, encode(me));
  }

  /** Whether a node of that name is a member now. */
  public boolean alive(String name) {
    NodeEntry n = name == null ? null : nodes.get(name);
    return n != null && members().contains(n.member());
  }

  /**
   * Whether a node of that name was a member and is not any more. A name the directory does not
   * know is not gone: it may be a member this node has not heard of yet (never adopt its calls).
   */
  public boolean gone(String name) {
    NodeEntry n = name == null ? null : nodes.get(name);
    return n != null && !members().contains(n.member());
  }

  private Set<UUID> members() {
    Set<UUID> out = new HashSet<>();
    for (Member m : hz.getCluster().getMembers()) {
      out.add(m.getUuid());
    }
    return out;
  }

  /** The names last published by a member (a node that left: to know whose calls to adopt). */
  public List<NodeEntry> of(UUID member) {
    List<NodeEntry> out = new ArrayList<>(1);
    for (NodeEntry n : nodes.values()) {
      if (n.member().equals(member)) {
        out.add(n);
      }
    }
    return out;
  }

  /** Whether an {@code active} node is a member now (a passive node then takes no new calls). */
  public boolean activeAlive() {
    Set<UUID> members = members();
    return nodes.values().stream().anyMatch(n -> n.mode() == ClusterConfig.Mode.ACTIVE && members.contains(n.member()));
  }

  static String encode(NodeEntry n) {
    JsonArray ls = new JsonArray();
    for (ListenerConfig l : n.listeners()) {
      ls.add(new JsonObject().put("name", l.name()).put("transport", l.transport().yamlName()).put("host", l.host())
          .put("port", l.port()));
    }
    return new JsonObject().put("member", n.member().toString()).put("mode", n.mode().name()).put("listeners", ls)
        .encode();
  }

  static NodeEntry decode(String name, String stored) {
    JsonObject j = new JsonObject(stored);
    List<ListenerConfig> ls = new ArrayList<>();
    for (Object o : j.getJsonArray("listeners")) {
      JsonObject l = (JsonObject) o;
      Transport t = Transport.UDP;
      for (Transport x : Transport.values()) {
        if (x.yamlName().equals(l.getString("transport"))) {
          t = x;
        }
      }
      ls.add(new ListenerConfig(l.getString("name"), t, l.getString("host"), l.getInteger("port")));
    }
    return new NodeEntry(name, UUID.fromString(j.getString("member")), ClusterConfig.Mode.valueOf(j.getString("mode")),
        ls);
  }

  private final class Mirror implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      nodes.put(e.getKey(), decode(e.getKey(), e.getValue()));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      entryAdded(e);
    }
  }
}
