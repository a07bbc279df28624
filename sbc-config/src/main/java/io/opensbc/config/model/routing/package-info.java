/**
 * Trunk dispatch as configured (docs/routing.md): a trunk's targets and how one is chosen, their
 * OPTIONS health checks, call failover across them, per-trunk limits, and route extensions.
 */
package io.opensbc.config.model.routing;
