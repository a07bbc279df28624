/**
 * The configuration model: immutable records, one per YAML section, with every default in {@link
 * io.opensbc.config.model.Defaults}. Other modules code against these records only, never against
 * YAML. Imports nothing but the JDK.
 */
package io.opensbc.config.model;
