package com.fxdesk.slv.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Named, runnable request-body examples for the spec (and so for Swagger UI's example picker), read from
 * {@code classpath:openapi/examples/*.json}. Each file names its {@code path} (a POST operation), a summary, a
 * description and the body; {@code {"$market": "<name>"}} anywhere in the body is replaced by the example market
 * {@code examples/markets/<name>.json}, which the build copies to {@code classpath:markets/}, so the examples are
 * built from the same real markets as the README and the tests, with one copy of each in the repository.
 */
@Component
public class OpenApiExamples implements OpenApiCustomizer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One example: the operation's path, its key in the spec (the file name), and what Swagger UI shows. */
    public record RequestExample(String path, String name, String summary, String description, Object value) {
    }

    private final List<RequestExample> examples = load();

    public List<RequestExample> examples() {
        return examples;
    }

    @Override
    public void customise(OpenAPI openApi) {
        for (RequestExample e : examples) {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(e.path());
            Operation post = item == null ? null : item.getPost();
            if (post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null) {
                throw new IllegalStateException("example " + e.name() + ": no POST with a body at " + e.path());
            }
            MediaType json = post.getRequestBody().getContent().get("application/json");
            if (json == null) {
                throw new IllegalStateException("example " + e.name() + ": " + e.path() + " takes no application/json");
            }
            json.addExamples(e.name(), new Example().summary(e.summary()).description(e.description()).value(e.value()));
        }
    }

    static List<RequestExample> load() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:openapi/examples/*.json");
            List<Resource> sorted = new ArrayList<>(List.of(files));
            sorted.sort(Comparator.comparing(Resource::getFilename));
            List<RequestExample> out = new ArrayList<>();
            for (Resource r : sorted) {
                Map<String, Object> file = read(r.getInputStream());
                String name = r.getFilename().replaceFirst("\\.json$", "");
                out.add(new RequestExample((String) file.get("path"), name, (String) file.get("summary"),
                        (String) file.get("description"), expand(file.get("value"))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI examples", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object expand(Object node) throws IOException {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("$market") instanceof String market) {
                try (InputStream in = OpenApiExamples.class.getResourceAsStream("/markets/" + market + ".json")) {
                    if (in == null) {
                        throw new IllegalStateException("no example market " + market + " (examples/markets/)");
                    }
                    return read(in);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                out.put(e.getKey(), expand(e.getValue()));
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(expand(o));
            }
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(InputStream in) throws IOException {
        try (in) {
            return JSON.readValue(in, LinkedHashMap.class);
        }
    }
}
