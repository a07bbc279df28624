/**
 * TLS as configured: a listener's certificate and client verification, a trunk's trust store and
 * server name (docs/configuration.md, docs/teams.md).
 */
package io.opensbc.config.model.tls;
