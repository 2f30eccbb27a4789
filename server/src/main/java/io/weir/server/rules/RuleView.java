package io.weir.server.rules;

import java.time.Duration;

/**
 * One recording rule as a view: named by its {@code record}, evaluated at its group's interval.
 *
 * @param query the rule's {@code expr}, wrapped so that the rule's {@code labels} are set
 * @param where the rule's place in the file, for messages: {@code group "g", rule 2}
 */
public record RuleView(String name, String query, Duration step, String where) {}
