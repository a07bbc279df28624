package io.opensbc.sip.b2bua;

/** This product's name and version, as sent in a trunk's product header ({@code X-MS-SBC}). */
public final class Product {
  public static final String NAME = "OpenSBC";
  public static final String VERSION = version();
  /** {@code OpenSBC/0.1.0}: the value of the product header. */
  public static final String NAME_VERSION = NAME + "/" + VERSION;

  private Product() {}

  private static String version() {
    String v = Product.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0";
  }
}
