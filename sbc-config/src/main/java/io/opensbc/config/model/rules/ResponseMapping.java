package io.opensbc.config.model.rules;

/**
 * One entry of a trunk's response map: a final response received from the trunk with this
 * status (0: any failure status) and this Q.850 cause in its Reason header (null: any or none)
 * is relayed with {@code toStatus} (0: unchanged), {@code toReason} (null: the standard phrase)
 * and a {@code Reason: Q.850;cause=toCause} header (null: the Reason header is left as it is).
 *
 * @param line where the entry is in the configuration (0 for the built-in table)
 */
public record ResponseMapping(int status, Integer cause, int toStatus, String toReason, Integer toCause, int line) {}
