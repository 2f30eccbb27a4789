/**
 * Views as the server sees them: the {@link io.weir.server.views.ViewStore} port over their stored
 * history (with {@link io.weir.server.views.MemoryViewStore} in memory), listeners told of new
 * steps, the {@link io.weir.server.views.ViewRegistry} that follows the control topic through a
 * {@link io.weir.server.views.ControlLog}, and {@link io.weir.server.views.ViewMatcher}, which
 * answers queries or sub-expressions of them from views.
 */
package io.weir.server.views;
