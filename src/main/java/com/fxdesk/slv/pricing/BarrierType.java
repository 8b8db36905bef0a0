package com.fxdesk.slv.pricing;

public enum BarrierType {
    UP_AND_OUT, UP_AND_IN, DOWN_AND_OUT, DOWN_AND_IN;

    public boolean isUp() {
        return this == UP_AND_OUT || this == UP_AND_IN;
    }

    public boolean isKnockIn() {
        return this == UP_AND_IN || this == DOWN_AND_IN;
    }
}
