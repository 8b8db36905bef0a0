package com.fxdesk.slv.pricing;

public enum OptionType {
    CALL, PUT;

    public boolean isCall() {
        return this == CALL;
    }
}
