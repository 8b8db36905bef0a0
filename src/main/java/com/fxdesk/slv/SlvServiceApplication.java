package com.fxdesk.slv;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SlvServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(SlvServiceApplication.class, args);
    }
}
