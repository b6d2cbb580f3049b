package dev.faaslab.events.stream;

import dev.faaslab.core.InvalidInputException;

/** What a stream record holds of the item, as DynamoDB's StreamViewType says. */
public enum StreamViewType {
    KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES;

    boolean keepsNew() {
        return this == NEW_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    boolean keepsOld() {
        return this == OLD_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    public static StreamViewType parse(String text) {
        for (StreamViewType type : values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        throw new InvalidInputException("streamViewType", "a stream's view type is KEYS_ONLY, NEW_IMAGE, OLD_IMAGE"
                + " or NEW_AND_OLD_IMAGES, as on DynamoDB, not '" + text + "'");
    }
}
