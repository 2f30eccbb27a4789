/**
 * The web page served at {@code /}: a query box with a chart of the range result, and the list of
 * views with live charts. Plain HTML, CSS and JavaScript modules kept as classpath resources next
 * to this package and served by {@link io.weir.server.web.WebPage}; the page talks only to the
 * server's own HTTP API.
 */
package io.weir.server.web;
