package io.opensbc.config.model.tls;

/**
 * The client side of TLS towards one trunk (and what is accepted from it).
 *
 * @param ca PEM file of the CAs the trunk's certificate must chain to; null: the JDK's default
 *     trust store (public CAs, as for Microsoft's proxies)
 * @param serverName the name sent as SNI and checked against the peer's certificate; null: the
 *     target's host name (an IP-address target then sends no SNI)
 * @param verify check the peer's certificate chain and name; false only for labs
 * @param certificate client certificate (PEM or PKCS#12) for mutual TLS; null: the sending
 *     listener's certificate
 * @param key its PEM key; null for PKCS#12 or when {@code certificate} is null
 */
public record TrunkTls(String ca, String serverName, boolean verify, String certificate, String key) {
  public static final TrunkTls DEFAULT = new TrunkTls(null, null, true, null, null);
}
