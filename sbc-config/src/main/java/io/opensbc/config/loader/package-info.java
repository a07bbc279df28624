/**
 * Reads YAML into the {@link io.opensbc.config.model} records. Uses SnakeYAML's node API only (no
 * reflection, no raw maps handed to callers), so every value keeps its line. Imports the model, the
 * validation rules and SnakeYAML.
 */
package io.opensbc.config.loader;
