package io.opensbc.config.model.operations;

/**
 * HEPv3 export of every SIP message to a Homer (or any HEP) collector.
 *
 * @param host collector address
 * @param port collector port (Homer: 9060)
 * @param tcp true: over a TCP connection; false: one UDP datagram per message
 * @param agentId capture agent id (HEP chunk 0x000c)
 * @param password auth key (chunk 0x000e), or null for none
 */
public record HepConfig(String host, int port, boolean tcp, int agentId, String password) {
  @Override
  public String toString() {
    return "HepConfig[host=" + host + ", port=" + port + ", tcp=" + tcp + ", agentId=" + agentId
        + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
