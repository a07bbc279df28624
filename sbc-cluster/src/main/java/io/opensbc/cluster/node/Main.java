package io.opensbc.cluster.node;

public final class Main {
  public static void main(String[] args) {
    System.out.println("sbc");
  }
}
