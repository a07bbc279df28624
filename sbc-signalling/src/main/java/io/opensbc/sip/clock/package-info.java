/**
 * Clock-skew watch: how far the local wall clock is from the clocks of SIP peers (the {@code Date}
 * header of their responses) and of the other cluster members. Imports only {@code message}.
 */
package io.opensbc.sip.clock;
