/**
 * Views as the server sees them: the {@link io.weir.server.views.ViewStore} port over their stored
 * history, and listeners told of new steps.
 */
package io.weir.server.views;
