package org.giai.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

@NamedComponent("giai_decimal_digit")
public class DecimalDigitFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream input) {
        return new DecimalDigitFilter(input);
    }

    // A character-level mapping: also apply it to the terms of prefix, wildcard and fuzzy queries.
    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
