package io.opensbc.config.model;

/** A routing rule: the first route whose match holds picks the trunk of a new call. */
public record RouteConfig(String name, RouteMatch match, String trunk) {}
