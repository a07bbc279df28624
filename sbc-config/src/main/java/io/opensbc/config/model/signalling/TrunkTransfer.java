package io.opensbc.config.model.signalling;

/**
 * Call transfer towards one trunk: the {@code transfer} keys of a {@code trunks[i]} item.
 *
 * @param refer what happens to a REFER whose transferee is reached through this trunk
 * @param redirect what happens to a 3xx this trunk answers an INVITE with
 */
public record TrunkTransfer(ReferMode refer, RedirectPolicy redirect) {
  public static final TrunkTransfer DEFAULT = new TrunkTransfer(ReferMode.PASSTHROUGH, RedirectPolicy.PASS_THROUGH);

  public TrunkTransfer {
    refer = refer == null ? ReferMode.PASSTHROUGH : refer;
    redirect = redirect == null ? RedirectPolicy.PASS_THROUGH : redirect;
  }
}
