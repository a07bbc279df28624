/**
 * Operations as configured (docs/operations.md): call records, SIP capture (recent calls kept for
 * pcap and the console, HEP export to a Homer collector) and the clock-skew watch.
 */
package io.opensbc.config.model.operations;
