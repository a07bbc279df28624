/**
 * Configuration rules and the collection of their violations. Every violation becomes a {@link
 * io.opensbc.config.validation.Violation} ({@code path: message (allowed: ...)} with its line and
 * column); nothing stops at the first one. Imports the model only; knows nothing of YAML.
 */
package io.opensbc.config.validation;
