package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A file (the portable core of a function put behind several providers) loads no provider's library and uses none
 * of the names only one provider's objects have: what would tie it to one door. Read from the outline: every module
 * the file loads, wherever (an import, {@code require}, a dynamic import, {@code __import__}), and every name it
 * uses, a string that could be one included ({@code event['requestContext']}). A module is matched with its
 * submodules ({@code azure.functions} also forbids {@code azure.functions.http}); one whose name is computed, not
 * written, cannot be read, and fails too.
 *
 * @param files   the file, by language
 * @param modules by language, each forbidden module with whose it is ("Azure Functions")
 * @param names   by language, each forbidden name with whose object has it ("AWS Lambda's context")
 */
record ProviderFree(Map<Language, String> files, Map<Language, Map<String, String>> modules,
                    Map<Language, Map<String, String>> names) implements SourceProbe {

    ProviderFree {
        files = Map.copyOf(files);
        modules = Map.copyOf(modules);
        names = Map.copyOf(names);
        if (files.isEmpty() || modules.values().stream().allMatch(Map::isEmpty)) {
            throw new IllegalArgumentException("providerFree needs \"file\" (by language, the file to read, as"
                    + " {\"nodejs\": \"core.mjs\"}) and \"modules\" (by language, each module it must not load and"
                    + " whose it is, as {\"nodejs\": {\"@azure/functions\": \"Azure Functions\"}})");
        }
    }

    /**
     * {@code {"kind": "providerFree", "file": {"nodejs": "core.mjs"}, "modules": {"nodejs": {"@azure/functions":
     * "Azure Functions"}}, "names": {"nodejs": {"awsRequestId": "AWS Lambda's context"}}}}; each language's file one
     * of its listed files.
     */
    static ProviderFree read(JsonNode node, Set<Language> languages, Map<Language, List<String>> listed) {
        Map<Language, String> files = new EnumMap<>(Language.class);
        Map<Language, Map<String, String>> modules = new EnumMap<>(Language.class);
        Map<Language, Map<String, String>> names = new EnumMap<>(Language.class);
        for (Language language : languages) {
            String file = node.path("file").path(language.runtimeName()).asText("");
            if (!listed.getOrDefault(language, List.of()).contains(file)) {
                throw new IllegalArgumentException("providerFree's \"file\"." + language.runtimeName() + " is '" + file
                        + "', which is none of the language's \"files\" " + listed.getOrDefault(language, List.of()));
            }
            files.put(language, file);
            modules.put(language, byName(node.path("modules").path(language.runtimeName()), "modules"));
            names.put(language, byName(node.path("names").path(language.runtimeName()), "names"));
        }
        return new ProviderFree(files, modules, names);
    }

    private static Map<String, String> byName(JsonNode node, String field) {
        if (!node.isMissingNode() && !node.isObject()) {
            throw new IllegalArgumentException("providerFree's \"" + field + "\" maps each name to whose it is, as"
                    + " {\"@azure/functions\": \"Azure Functions\"}, not " + node);
        }
        Map<String, String> byName = new LinkedHashMap<>();
        node.properties().forEach(entry -> byName.put(entry.getKey(), entry.getValue().asText()));
        return byName;
    }

    @Override
    public Verdict judge(Sources sources, Language language) {
        String file = files.get(language);
        if (!(sources.of(file) instanceof SourceAnalysis.Read(SourceOutline outline))) {
            return new Verdict(CheckStatus.ERROR, expected(), "the source could not be analysed: "
                    + ((SourceAnalysis.Unread) sources.of(file)).reason(), "");
        }
        for (SourceOutline.ModuleUse use : outline.modules()) {
            if (use.module().isEmpty()) {
                return Verdict.fail(expected(), file + " line " + use.line() + " loads a module whose name is"
                        + " computed, which no one can tell is not a provider's: name it as a string", "");
            }
            Optional<Map.Entry<String, String>> provider = modules.getOrDefault(language, Map.of()).entrySet().stream()
                    .filter(entry -> isOrIsIn(use.module(), entry.getKey())).findFirst();
            if (provider.isPresent()) {
                return Verdict.fail(expected(), file + " line " + use.line() + " loads '" + use.module() + "', the library of "
                        + provider.get().getValue() + ": that door's adapter may, the core may not", "");
            }
        }
        Map<String, Integer> found = new LinkedHashMap<>();
        names.getOrDefault(language, Map.of()).keySet().forEach(name -> {
            Integer line = outline.names().get(name);
            if (line != null) {
                found.put(name, line);
            }
        });
        Optional<Map.Entry<String, Integer>> first = found.entrySet().stream().min(Map.Entry.comparingByValue());
        if (first.isPresent()) {
            String name = first.get().getKey();
            return Verdict.fail(expected(), file + " line " + first.get().getValue() + " uses " + name + ", which only "
                    + names.get(language).get(name) + " has: hand the core plain values from the adapter instead", "");
        }
        return Verdict.pass(expected(), file + " loads " + (outline.modules().isEmpty() ? "no module"
                : String.join(", ", outline.modules().stream().map(SourceOutline.ModuleUse::module).distinct()
                .toList())) + ", none a provider's, and uses no provider's objects", "");
    }

    /** Whether {@code module} is {@code forbidden} or one of its submodules ({@code a/b}, {@code a.b}). */
    private static boolean isOrIsIn(String module, String forbidden) {
        return module.equals(forbidden) || module.startsWith(forbidden + "/") || module.startsWith(forbidden + ".");
    }

    @Override
    public String expected() {
        return "the core (" + String.join(", ", files.values().stream().sorted().toList()) + ") loads no provider's"
                + " library and uses no provider's objects";
    }

    @Override
    public String kind() {
        return "providerFree";
    }
}
