/** Prometheus recording-rules files, read as views: one view per rule, named by its record. */
package io.weir.server.rules;
