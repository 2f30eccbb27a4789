/**
 * The results cache of range queries: step-aligned extents per (query, step, start phase), LRU
 * bounded in bytes, only final steps cached, late corrections of views invalidating the steps they
 * touch.
 */
package io.weir.server.cache;
