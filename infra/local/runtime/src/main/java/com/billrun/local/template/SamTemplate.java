package com.billrun.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** template.yaml as data: its parameters, the function globals and the resources, intrinsics kept as {@link Intrinsic}. */
public final class SamTemplate {

    private static final List<String> INTRINSICS = List.of("Ref", "GetAtt", "Sub", "Join", "If", "Not", "Equals",
            "And", "Or", "Select", "Split", "FindInMap", "ImportValue", "Base64", "GetAZs", "Condition");

    /** A resource; {@code condition} names the template condition it exists under (null: it always exists). */
    public record Resource(String logicalId, String type, Map<String, Object> properties, String condition) {

        public Resource(String logicalId, String type, Map<String, Object> properties) {
            this(logicalId, type, properties, null);
        }
    }

    private final Map<String, Object> document;

    private SamTemplate(Map<String, Object> document) {
        this.document = document;
    }

    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        Map<String, Object> document = new Yaml(new CloudFormationConstructor()).load(yaml);
        return new SamTemplate(document);
    }

    /** Parameter name → its Default (parameters without one are absent; the local runtime supplies them). */
    public Map<String, Object> parameterDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        map(document, "Parameters").forEach((name, parameter) -> {
            Object value = map(parameter).get("Default");
            if (value != null) {
                defaults.put(name, value);
            }
        });
        return defaults;
    }

    public Map<String, Object> conditions() {
        return map(document, "Conditions");
    }

    public Map<String, Object> functionGlobals() {
        return map(map(document, "Globals"), "Function");
    }

    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(document, "Resources").forEach((id, body) -> resources.put(id,
                new Resource(id, String.valueOf(map(body).get("Type")), map(map(body), "Properties"),
                        map(body).get("Condition") instanceof String condition ? condition : null)));
        return resources;
    }

    public List<Resource> resourcesOfType(String type) {
        return resources().values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** {@code parent[key]} as a map, empty when absent: YAML navigation without null checks. */
    public static Map<String, Object> map(Object parent, String key) {
        return parent instanceof Map<?, ?> m ? map(m.get(key)) : Map.of();
    }

    /** {@code value} as a map, empty when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code value} as a list: itself, a one-element list for a scalar, empty for null. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : value == null ? List.of() : List.of(value);
    }

    /** SnakeYAML with CloudFormation's short-form tags; {@code !GetAtt A.B} becomes the long form's [A, B]. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : INTRINSICS) {
                yamlConstructors.put(new Tag("!" + name), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return new Intrinsic(name, argument(name, node));
                    }
                });
            }
        }

        private Object argument(String name, Node node) {
            return switch (node) {
                case ScalarNode scalar when name.equals("GetAtt") -> List.of(scalar.getValue().split("\\.", 2));
                case ScalarNode scalar -> scalar.getValue();
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new IllegalArgumentException("unexpected YAML node for !" + name);
            };
        }
    }
}
