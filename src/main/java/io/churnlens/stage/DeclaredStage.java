package io.churnlens.stage;

import java.util.List;

/**
 * A stage whose name, the tables it reads and publishes and the shared intermediates it uses are declared once, in
 * its constructor: the catalogue, the README table and the runner read them from here.
 */
public abstract class DeclaredStage implements Stage {
    private final String name;
    private final List<String> reads;
    private final List<String> publishes;
    private final List<String> uses;

    protected DeclaredStage(String name, List<String> reads, List<String> publishes, List<String> uses) {
        this.name = name;
        this.reads = List.copyOf(reads);
        this.publishes = List.copyOf(publishes);
        this.uses = List.copyOf(uses);
    }

    protected DeclaredStage(String name, List<String> reads, List<String> publishes) {
        this(name, reads, publishes, List.of());
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> reads() {
        return reads;
    }

    @Override
    public final List<String> publishes() {
        return publishes;
    }

    @Override
    public final List<String> uses() {
        return uses;
    }
}
