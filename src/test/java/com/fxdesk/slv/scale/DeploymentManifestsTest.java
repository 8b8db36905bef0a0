package com.fxdesk.slv.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.jobs.JobStoreProperties;
import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.jobs.store.HazelcastJobStore;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.YamlConfigBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No cluster or Docker engine runs here, so the deployment files are checked for what would break them: probes on
 * the actuator groups, requests and limits, selectors that match the pods' labels, the PDB and HPA aimed at the
 * right objects, the store wired to the replicas (service name, port, cluster name), and environment variables
 * that the application really binds (through Spring's own binder, with application.properties underneath).
 */
class DeploymentManifestsTest {
    private static final List<Map<String, Object>> K8S = new ArrayList<>();
    private static Map<String, Object> compose;

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    if (doc != null) {
                        K8S.add(map(doc));
                    }
                }
            }
        }
        compose = map(new Yaml().load(Files.readString(Path.of("deploy/compose.yaml"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    /** Follows a path of keys (and list indices as Integers). */
    private static Object at(Object root, Object... path) {
        Object o = root;
        for (Object k : path) {
            assertThat(o).as("path %s", List.of(path)).isNotNull();
            o = k instanceof Integer i ? list(o).get(i) : map(o).get(k);
        }
        return o;
    }

    private static Map<String, Object> one(String kind, String name) {
        List<Map<String, Object>> found = K8S.stream().filter(d -> kind.equals(d.get("kind"))
                && name.equals(at(d, "metadata", "name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> labels(Map<String, Object> workload) {
        return map(at(workload, "spec", "template", "metadata", "labels"));
    }

    private static void selects(Object selector, Map<String, Object> podLabels) {
        assertThat(podLabels).containsAllEntriesOf(map(selector));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return map(at(workload, "spec", "template", "spec", "containers", 0));
    }

    /** Binds environment variables the way Spring Boot does, over the packaged application.properties. */
    private static Binder binder(Map<String, Object> env) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        StandardEnvironment e = new StandardEnvironment();
        MutablePropertySources sources = e.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        sources.addLast(new PropertiesPropertySource("application", props));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static Map<String, Object> literalEnv(Map<String, Object> container) {
        Map<String, Object> env = new HashMap<>();
        for (Object o : list(container.get("env"))) {
            Map<String, Object> e = map(o);
            env.put((String) e.get("name"), e.containsKey("value") ? String.valueOf(e.get("value")) : "from-field");
        }
        return env;
    }

    @Test
    void serviceDeploymentHasProbesResourcesAndTheStoreWiring() throws IOException {
        Map<String, Object> d = one("Deployment", "slv-service");
        selects(at(d, "spec", "selector", "matchLabels"), labels(d));
        assertThat((Integer) at(d, "spec", "replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> c = container(d);
        String port = (String) at(c, "ports", 0, "name");
        assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(c, "readinessProbe", "httpGet", "port")).isEqualTo(port);
        assertThat(at(c, "livenessProbe", "httpGet", "port")).isEqualTo(port);
        assertThat(at(c, "ports", 0, "containerPort")).isEqualTo(8080);
        for (String r : List.of("cpu", "memory")) {
            assertThat(at(c, "resources", "requests", r)).as("request " + r).isNotNull();
            assertThat(at(c, "resources", "limits", r)).as("limit " + r).isNotNull();
        }
        assertThat(memoryBytes(at(c, "resources", "limits", "memory")))
                .isGreaterThanOrEqualTo(memoryBytes(at(c, "resources", "requests", "memory")));

        // the environment binds to the application's own properties (a misspelt name would bind nothing)
        Map<String, Object> env = literalEnv(c);
        Binder binder = binder(env);
        JobStoreProperties store = binder.bind("slv.jobs", JobStoreProperties.class).get();
        assertThat(store.store()).isEqualTo("hazelcast");
        assertThat(store.replicaId()).isEqualTo("from-field");
        assertThat(store.hazelcast().connectTimeout()).isEqualTo(Duration.ofSeconds(120));
        JobsProperties jobs = binder.bind("slv.jobs", JobsProperties.class).get();
        assertThat(jobs.computeThreads()).as("one compute thread per CPU of the limit")
                .isEqualTo(cpus(at(c, "resources", "limits", "cpu")));
        assertThat(at(c, "env", 4, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
        // every replica gets the same clients' API keys (a client may reach any replica)
        assertThat(at(c, "envFrom", 0, "secretRef", "name")).isEqualTo("slv-api-keys");

        // the members' address is the store's headless Service, on its port, in the same cluster
        Map<String, Object> storeService = one("Service", "slv-store");
        String namespace = (String) at(storeService, "metadata", "namespace");
        int storePort = (Integer) at(storeService, "spec", "ports", 0, "port");
        assertThat(store.hazelcast().members())
                .containsExactly("slv-store." + namespace + ".svc.cluster.local:" + storePort);
        Config member = storeConfig();
        assertThat(store.hazelcast().clusterName()).isEqualTo(member.getClusterName());

        // the grace period covers the preStop pause and giving jobs back; the lease is what the others wait
        int grace = (Integer) at(d, "spec", "template", "spec", "terminationGracePeriodSeconds");
        assertThat(grace).isGreaterThan(5 + 10);
    }

    @Test
    void serviceBudgetAndAutoscalerAimAtTheDeployment() {
        Map<String, Object> d = one("Deployment", "slv-service");
        Map<String, Object> svc = one("Service", "slv-service");
        selects(at(svc, "spec", "selector"), labels(d));
        assertThat(at(svc, "spec", "ports", 0, "targetPort")).isEqualTo(at(container(d), "ports", 0, "name"));

        Map<String, Object> pdb = one("PodDisruptionBudget", "slv-service");
        selects(at(pdb, "spec", "selector", "matchLabels"), labels(d));
        assertThat((Integer) at(pdb, "spec", "minAvailable")).isLessThan((Integer) at(d, "spec", "replicas"));

        Map<String, Object> hpa = one("HorizontalPodAutoscaler", "slv-service");
        assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("slv-service");
        assertThat(at(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
        assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) at(hpa, "spec", "maxReplicas")).isGreaterThan((Integer) at(hpa, "spec", "minReplicas"));

        for (Map<String, Object> doc : K8S) {
            if (!"Namespace".equals(doc.get("kind"))) {
                assertThat(at(doc, "metadata", "namespace")).as(doc.get("kind") + " namespace").isEqualTo("slv");
            }
        }
    }

    @Test
    void storeStatefulSetIsAHazelcastClusterFoundByItsHeadlessService() throws IOException {
        Map<String, Object> sts = one("StatefulSet", "slv-store");
        Map<String, Object> svc = one("Service", "slv-store");
        selects(at(sts, "spec", "selector", "matchLabels"), labels(sts));
        selects(at(svc, "spec", "selector"), labels(sts));
        assertThat(at(sts, "spec", "serviceName")).isEqualTo("slv-store");
        assertThat(at(svc, "spec", "clusterIP")).isEqualTo("None");
        assertThat((Integer) at(sts, "spec", "replicas")).isGreaterThanOrEqualTo(3);
        Map<String, Object> pdb = one("PodDisruptionBudget", "slv-store");
        selects(at(pdb, "spec", "selector", "matchLabels"), labels(sts));
        assertThat(at(pdb, "spec", "maxUnavailable")).isEqualTo(1);

        Map<String, Object> c = container(sts);
        assertThat((String) c.get("image")).startsWith("hazelcast/hazelcast:5.5");
        assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/hazelcast/health/ready");
        assertThat(at(c, "resources", "limits", "memory")).isNotNull();
        // the ConfigMap is mounted where JAVA_OPTS points
        String mount = (String) at(c, "volumeMounts", 0, "mountPath");
        assertThat((String) at(c, "env", 0, "value")).contains("-Dhazelcast.config=" + mount + "/hazelcast.yaml");
        assertThat(at(sts, "spec", "template", "spec", "volumes", 0, "configMap", "name"))
                .isEqualTo("slv-store-config");

        Config member = storeConfig();
        assertThat(member.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(member.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(member.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("slv-store." + at(svc, "metadata", "namespace") + ".svc.cluster.local");
        assertThat(member.getNetworkConfig().getPort()).isEqualTo(at(svc, "spec", "ports", 0, "port"));
        assertThat(member.getNetworkConfig().getRestApiConfig().isEnabled()).isTrue();
        checkMaps(member);
    }

    @Test
    void composeRunsTwoReplicasTheStoreAndNginx() throws IOException {
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("store", "slv-1", "slv-2", "nginx");
        Config member = new YamlConfigBuilder(Files.newInputStream(Path.of("deploy/hazelcast.yaml"))).build();
        checkMaps(member);
        assertThat(member.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(list(at(services, "store", "volumes")).get(0).toString()).startsWith("./hazelcast.yaml:");
        List<String> upstream = new ArrayList<>();
        String nginx = Files.readString(Path.of("deploy/nginx.conf"));
        Matcher m = Pattern.compile("server\\s+([\\w-]+):(\\d+)").matcher(nginx);
        while (m.find()) {
            upstream.add(m.group(1) + ":" + m.group(2));
        }
        for (String replica : List.of("slv-1", "slv-2")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) at(services, replica, "environment");
            JobStoreProperties store = binder(env).bind("slv.jobs", JobStoreProperties.class).get();
            assertThat(store.store()).isEqualTo("hazelcast");
            assertThat(store.replicaId()).isEqualTo(replica);
            assertThat(store.hazelcast().members()).containsExactly("store:" + member.getNetworkConfig().getPort());
            assertThat(store.hazelcast().clusterName()).isEqualTo(member.getClusterName());
            assertThat(upstream).contains(replica + ":8080");
            assertThat(env.get("SLV_SECURITY_APIKEYS_DESK")).as("the same client key on every replica")
                    .isEqualTo(at(services, "slv-1", "environment", "SLV_SECURITY_APIKEYS_DESK"));
        }
        assertThat(list(at(services, "nginx", "volumes")).get(0).toString()).startsWith("./nginx.conf:");
        assertThat(at(services, "nginx", "ports", 0).toString()).endsWith(":80");

        // nginx lets through what the service accepts, and waits as long as ?wait=true can
        Binder app = binder(Map.of());
        LimitsProperties limits = app.bind("slv.limits", LimitsProperties.class).get();
        JobsProperties jobs = app.bind("slv.jobs", JobsProperties.class).get();
        Matcher body = Pattern.compile("client_max_body_size\\s+(\\d+)m;").matcher(nginx);
        assertThat(body.find()).isTrue();
        assertThat(Long.parseLong(body.group(1)) << 20).isGreaterThanOrEqualTo(limits.maxBodyBytes());
        Matcher read = Pattern.compile("proxy_read_timeout\\s+(\\d+)s;").matcher(nginx);
        assertThat(read.find()).isTrue();
        assertThat(Long.parseLong(read.group(1))).isGreaterThan(jobs.maxWait().toSeconds());
    }

    /** The store's member configuration as Hazelcast itself reads it from the ConfigMap. */
    private static Config storeConfig() {
        String yaml = (String) at(one("ConfigMap", "slv-store-config"), "data", "hazelcast.yaml");
        return new YamlConfigBuilder(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** Every structure the store uses has a backup; results (the big values) are bounded by heap. */
    private static void checkMaps(Config member) {
        for (String name : List.of(HazelcastJobStore.RECORDS, HazelcastJobStore.REQUESTS, HazelcastJobStore.RESULTS,
                HazelcastJobStore.BATCHES)) {
            assertThat(member.getMapConfigs()).as("map " + name).containsKey(name);
            assertThat(member.getMapConfig(name).getBackupCount()).isGreaterThanOrEqualTo(1);
        }
        assertThat(member.getMapConfig(HazelcastJobStore.RESULTS).getEvictionConfig().getEvictionPolicy())
                .isEqualTo(EvictionPolicy.LRU);
        assertThat(member.getMapConfig(HazelcastJobStore.RESULTS).getEvictionConfig().getMaxSizePolicy())
                .isEqualTo(MaxSizePolicy.USED_HEAP_PERCENTAGE);
        assertThat(member.getMapConfig(HazelcastJobStore.RECORDS).getEvictionConfig().getEvictionPolicy())
                .as("job records are never evicted while running: only their TTL ends them")
                .isEqualTo(EvictionPolicy.NONE);
        assertThat(member.getQueueConfigs()).containsKey(HazelcastJobStore.QUEUE);
        assertThat(member.getQueueConfig(HazelcastJobStore.QUEUE).getBackupCount()).isGreaterThanOrEqualTo(1);
    }

    private static long memoryBytes(Object q) {
        String s = q.toString();
        long unit = s.endsWith("Gi") ? 1L << 30 : s.endsWith("Mi") ? 1L << 20 : 1;
        return Long.parseLong(s.replaceAll("[A-Za-z]", "")) * unit;
    }

    private static int cpus(Object q) {
        String s = q.toString();
        return s.endsWith("m") ? Integer.parseInt(s.substring(0, s.length() - 1)) / 1000 : Integer.parseInt(s);
    }
}
