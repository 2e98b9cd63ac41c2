package io.churnlens.cli;
public class Main { public static void main(String[] a) {} }
