/** Admission and flood control as configured (docs/flood-control.md). */
package io.opensbc.config.model.admission;
