package io.weir.connectors.testing;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (combined KRaft broker and controller) in the test JVM, configured for
 * exactly-once on one node, for the tests of every module that talk to Kafka.
 */
public final class KafkaTestBroker {
    private KafkaTestBroker() {}

    /** Starts the broker and creates {@code topics}; the caller closes it. */
    public static KafkaClusterTestKit start(List<NewTopic> topics) throws Exception {
        KafkaClusterTestKit kafka =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        // Transactions on one node: the transaction log has one replica.
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(topics).all().get();
        }
        return kafka;
    }
}
