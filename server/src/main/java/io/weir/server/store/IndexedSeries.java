package io.weir.server.store;

import io.weir.promql.model.Labels;

/** A series as {@link SeriesIndex} knows it: a store-wide id and its labels. */
interface IndexedSeries {
    int id();

    Labels labels();
}
