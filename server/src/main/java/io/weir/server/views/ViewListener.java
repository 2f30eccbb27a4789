package io.weir.server.views;

import io.weir.connectors.codec.ResultRecord;
import java.util.List;

/** Told of results as the view store stores them: live push and the results cache listen. */
@FunctionalInterface
public interface ViewListener {
    /** Must return quickly: it runs on the thread that writes the store. */
    void stored(List<ResultRecord> results);
}
