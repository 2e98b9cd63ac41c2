package io.churnlens.impact;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Departures and revenue by the inactivity rule, per quarter: what management understands, but late by up to the
 * inactivity threshold. The grid's cells summed over cohorts, on the driver.
 */
public final class ObservedQuarters {
    private ObservedQuarters() {}

    static List<QuarterObservation> of(GridCells grid) {
        Map<Integer, List<GridCells.Cell>> byQuarter = new TreeMap<>();
        for (GridCells.Cell c : grid.cells()) byQuarter.computeIfAbsent(c.index(), k -> new java.util.ArrayList<>()).add(c);
        return byQuarter.entrySet().stream().map(e -> quarter(e.getKey(), e.getValue())).toList();
    }

    private static QuarterObservation quarter(int index, List<GridCells.Cell> cells) {
        return new QuarterObservation(index, count(cells, GridCells.Cell::start), count(cells, GridCells.Cell::isNew),
                count(cells, GridCells.Cell::reactivated), count(cells, GridCells.Cell::departed),
                count(cells, GridCells.Cell::end), money(cells, GridCells.Cell::revenueLost),
                money(cells, GridCells.Cell::annualRevenue), count(cells, GridCells.Cell::yearAgo),
                money(cells, GridCells.Cell::yearAgoBefore), money(cells, GridCells.Cell::yearAgoNow),
                money(cells, GridCells.Cell::yearAgoBeforeOfDeparted));
    }

    private static long count(List<GridCells.Cell> cells, ToLongFunction<GridCells.Cell> field) {
        return cells.stream().mapToLong(field).sum();
    }

    /** The exact sum over the cohorts; 0 when no cohort has a value. */
    private static BigDecimal money(List<GridCells.Cell> cells, Function<GridCells.Cell, BigDecimal> field) {
        return money(cells.stream().map(field).filter(java.util.Objects::nonNull).reduce(BigDecimal::add).orElse(null));
    }

    static BigDecimal money(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
