package org.giai.analysis;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Strips French elided articles: l'humanité and l’humanité both become humanité. */
@NamedComponent("giai_elision")
public class ElisionFilterFactory implements TokenFilterFactory {

    // ElisionFilter itself splits on both ' and ’; the set ignores case, so L'État loses its L' too.
    private static final CharArraySet ARTICLES = CharArraySet.unmodifiableSet(new CharArraySet(
            List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true));

    @Override
    public TokenStream create(TokenStream input) {
        return new ElisionFilter(input, ARTICLES);
    }

    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
