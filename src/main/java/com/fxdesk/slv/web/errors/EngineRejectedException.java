package com.fxdesk.slv.web.errors;

import java.util.List;

/** Valid-looking input the engine refused (422), with the offending field where it is known. */
public class EngineRejectedException extends RuntimeException {
    private final transient List<FieldViolation> violations;

    public EngineRejectedException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
