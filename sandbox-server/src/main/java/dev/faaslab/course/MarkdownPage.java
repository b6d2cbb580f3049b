package dev.faaslab.course;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A lesson's Markdown (CommonMark with GFM tables) rendered to HTML, every heading with an id so that
 * hints can link to {@code lesson.html?id=…#section}. Raw HTML is escaped, not passed through: authors
 * write Markdown only, and the page stays safe whatever a lesson holds.
 *
 * @param sections the second-level headings, with the ids the HTML gives them
 */
public record MarkdownPage(String html, List<Lesson.Section> sections) {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), HeadingAnchorExtension.create());

    /**
     * How deep blocks (quotes, lists) may nest; deeper markers are read as text. The renderer recurses once per
     * level: without a bound, 10,000 nested quotes (10 kB) overflow a 4 MB thread stack.
     */
    static final int MAX_NESTING = 100;

    // Both are immutable and safe to share between threads.
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).maxOpenBlockParsers(MAX_NESTING).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    /** Renders {@code markdown} as lessons are rendered (exercise tasks too). */
    public static MarkdownPage of(String markdown) {
        Node document = PARSER.parse(markdown);
        return new MarkdownPage(RENDERER.render(document), sections(document));
    }

    /**
     * The h2 headings with the ids the anchor extension gives them: it numbers repeated titles across all
     * heading levels in document order, so every heading goes through one generator, as in the renderer.
     */
    private static List<Lesson.Section> sections(Node document) {
        IdGenerator ids = IdGenerator.builder().build();
        List<Lesson.Section> sections = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String title = text(heading);
                String id = ids.generateId(title);
                if (heading.getLevel() == 2) {
                    sections.add(new Lesson.Section(id, title));
                }
            }
        });
        return sections;
    }

    /** A heading's text as the anchor extension reads it: its text and code spans, without markup. */
    private static String text(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }
        });
        return text.toString();
    }
}
