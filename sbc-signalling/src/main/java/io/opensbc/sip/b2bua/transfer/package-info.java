/**
 * Call transfer as pure logic (docs/transfers.md): the Refer-To and Replaces syntax (RFC 3515,
 * RFC 3891), the sipfrag bodies of the NOTIFYs (RFC 3420), whether a REFER is handled here or
 * relayed, the transfer's state machine as a table, and the 3xx recursion policy. No Vert.x, no
 * I/O, no clock: the B2BUA's {@code Transfers} shell runs the effects. May import
 * {@code io.opensbc.sip.message}, {@code io.opensbc.sip.dialog} and {@code io.opensbc.config.model}.
 */
package io.opensbc.sip.b2bua.transfer;
