package io.churnlens.simulate;

import java.io.Serializable;

/**
 * A (country, channel) cell and the BG/NBD parameters its customers are drawn from. The rate factors divide α (so
 * every purchase rate is multiplied by them); the loyalty factors multiply b (so drop-out is less likely).
 */
record CustomerGroup(String country, String channel, double r, double alpha, double a, double b) implements Serializable {}
