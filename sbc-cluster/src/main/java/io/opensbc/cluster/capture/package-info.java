/**
 * SIP capture off the transports' {@link io.opensbc.sip.transport.WireTap}: the messages of recent
 * calls kept in memory ({@link CallTraces}, for per-call pcap and the console's ladder), HEPv3
 * export to a Homer collector ({@link HepEncoder}, {@link HepExporter}) and the classic pcap writer
 * ({@link Pcap}). Nothing here runs unless capture is configured.
 */
package io.opensbc.cluster.capture;
