package dev.faaslab.runtime;

import dev.faaslab.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler styles a runtime knows, by name, and the one a function follows when it names none. The
 * composition (the style packages' {@code Styles}) builds it; the runtime only looks names up.
 */
public final class HandlerStyles {

    private final Map<String, HandlerStyle> byName = new LinkedHashMap<>();
    private final HandlerStyle standard;

    /** {@code styles}' first is the default. */
    public HandlerStyles(List<HandlerStyle> styles) {
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("a runtime needs at least one handler style");
        }
        for (HandlerStyle style : styles) {
            if (byName.put(style.name(), style) != null) {
                throw new IllegalArgumentException("two handler styles are named " + style.name());
            }
        }
        this.standard = styles.getFirst();
    }

    public static HandlerStyles of(HandlerStyle only) {
        return new HandlerStyles(List.of(only));
    }

    /** The style functions follow when they name none. */
    public HandlerStyle standard() {
        return standard;
    }

    /** The style named {@code name}, the default for null; an unknown name is refused, naming the known ones. */
    public HandlerStyle named(String name) {
        if (name == null) {
            return standard;
        }
        HandlerStyle style = byName.get(name);
        if (style == null) {
            throw new InvalidInputException("style", "there is no handler style '" + name + "': use one of "
                    + String.join(", ", byName.keySet()));
        }
        return style;
    }

    /** Every style's name, the default first. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
