package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.CalibrationRequest;
import com.fxdesk.slv.jobs.JobTask;
import org.springframework.stereotype.Service;

/** Builds the job task of an SLV calibration from a validated request. */
@Service
public class SlvCalibrationService {

    public JobTask prepare(CalibrationRequest request) {
        throw ApiProblemException.unavailable("SLV calibration");
    }
}
