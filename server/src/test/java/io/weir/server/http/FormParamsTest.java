package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormParamsTest {
    @Test
    void decodesAndKeepsEveryValue() throws ApiError {
        FormParams p =
                FormParams.parse("query=sum+by+%28job%29+%28up%29&match%5B%5D=a&match[]=b&x");
        assertEquals("sum by (job) (up)", p.first("query"));
        assertEquals(List.of("a", "b"), p.all("match[]"));
        assertEquals("", p.first("x"));
        assertEquals("", p.first("absent"));
    }

    @Test
    void badEscapeIsBadData() {
        ApiError e = assertThrows(ApiError.class, () -> FormParams.parse("query=%zz"));
        assertEquals(ApiError.Type.BAD_DATA, e.type());
    }

    @Test
    void labelNameEscapes() {
        assertEquals("code", LabelNames.unescape("U__c_6f_de"));
        assertEquals("a_b", LabelNames.unescape("U__a__b"));
        assertEquals("a.b", LabelNames.unescape("U__a_2e_b"));
        assertEquals("U__a_zz_", LabelNames.unescape("U__a_zz_"));
        assertEquals("U__a_2e", LabelNames.unescape("U__a_2e"));
        assertEquals("plain", LabelNames.unescape("plain"));
    }
}
