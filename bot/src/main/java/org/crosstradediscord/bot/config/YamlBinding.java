package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson, set up to read the config file strictly into {@link ConfigFile}:
 *
 * <ul>
 *   <li>a key not in the record: {@code FAIL_ON_UNKNOWN_PROPERTIES}; a key twice in a mapping (quoted or not):
 *       {@code STRICT_DUPLICATE_DETECTION}; a required key: {@code @JsonProperty(required = true)};
 *   <li>no guessing between types (coercion config): a whole number is not read from text ({@code "60"}), a decimal
 *       ({@code 60.0}) or a boolean; a boolean not from text ({@code "true"}) or a number ({@code 1}); text not from a
 *       YAML boolean ({@code yes}, {@code off}, …); a list or mapping not from a scalar; a list item or a
 *       {@code daily_loss} value not null ({@code @JsonSetter(contentNulls = FAIL)});
 *   <li>scalars as written (the reader, {@link StrictParser}): a YAML 1.1 number other than plain decimal digits
 *       ({@code 010}, {@code 0x1F}, {@code 1_000}, {@code 12.50}, {@code 1e5}) is its text, so an account name keeps
 *       it and a whole number refuses it; booleans are {@code true}/{@code false} only ({@link WrittenBoolean});
 *       aliases ({@code *name}) and tags other than YAML's own are refused;
 *   <li>limits: 20 levels of nesting, 1 Mi code points, one document (checked by {@link ConfigLoader}).
 * </ul>
 */
final class YamlBinding {
  private static final Pattern PLAIN_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Set<String> TRUE_FALSE = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final String YAML_TAG = "tag:yaml.org,2002:";
  private static final Set<String> YAML_TAGS = Set.of(YAML_TAG + "str", YAML_TAG + "int", YAML_TAG + "float",
      YAML_TAG + "bool", YAML_TAG + "null", YAML_TAG + "map", YAML_TAG + "seq", YAML_TAG + "timestamp");
  private static final ObjectMapper MAPPER = mapper();

  private YamlBinding() {}

  /**
   * @param yaml the config text
   * @return a parser over it, positioned before the first token
   * @throws IOException the reader cannot start
   */
  static JsonParser parser(String yaml) throws IOException {
    return MAPPER.getFactory().createParser(new StringReader(yaml));
  }

  /**
   * @param parser positioned on the root mapping's first token
   * @return the file as written
   * @throws IOException the file breaks a rule above (see {@link ConfigErrors})
   */
  static ConfigFile.Root bind(JsonParser parser) throws IOException {
    return MAPPER.readValue(parser, ConfigFile.Root.class);
  }

  private static ObjectMapper mapper() {
    LoaderOptions limits = new LoaderOptions();
    limits.setCodePointLimit(1 << 20);
    YAMLFactoryBuilder builder = YAMLFactory.builder().loaderOptions(limits)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
    ObjectMapper mapper = new ObjectMapper(new StrictFactory(builder));
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
        DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    // Text keeps a plain number's written text (an account named 010) but is never a YAML boolean (yes, off, …).
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
    for (LogicalType structure : List.of(LogicalType.POJO, LogicalType.Map, LogicalType.Collection)) {
      mapper.coercionConfigFor(structure).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    SimpleModule rules = new SimpleModule("config-scalars-as-written");
    rules.addDeserializer(Boolean.class, new WrittenBoolean());
    rules.addDeserializer(DiscordId.class, new DiscordId.Value());
    rules.addKeyDeserializer(DiscordId.class, new DiscordId.Key());
    mapper.registerModule(rules);
    return mapper;
  }

  /** {@code true} or {@code false} as written (any case YAML 1.2 accepts); YAML 1.1's {@code yes}, {@code on}, … refused. */
  static final class WrittenBoolean extends StdScalarDeserializer<Boolean> {
    private static final long serialVersionUID = 1L;

    WrittenBoolean() {
      super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isBoolean() && !TRUE_FALSE.contains(p.getText())) {
        return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getText(), "a YAML 1.1 boolean word");
      }
      return _parseBoolean(p, ctxt, Boolean.class); // applies the coercion config: "true" and 1 refused
    }
  }

  /** Makes {@link StrictParser}s. */
  private static final class StrictFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    StrictFactory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new StrictParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
          _decorate(r, ctxt));
    }
  }

  /** The YAML reader with scalars as written: see {@link YamlBinding}. */
  private static final class StrictParser extends YAMLParser {
    StrictParser(IOContext ctxt, int features, int yamlFeatures, LoaderOptions options, ObjectCodec codec,
        Reader reader) {
      super(ctxt, features, yamlFeatures, options, codec, reader);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t = super.nextToken();
      if (t != null && isCurrentAlias()) {
        throw new ConfigErrors.Refused(this, "an alias (*" + SafeText.oneLine(getText()) + ") is not supported here;"
            + " write the value out");
      }
      String tag = t == null || t == JsonToken.FIELD_NAME ? null : getTypeId();
      if (tag != null && !YAML_TAGS.contains(tag)) {
        String shown = tag.startsWith(YAML_TAG) ? "!!" + tag.substring(YAML_TAG.length()) : "!" + tag;
        throw new ConfigErrors.Refused(this, "tag " + SafeText.oneLine(shown) + " is not allowed here (plain or quoted"
            + " values only)");
      }
      return t;
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
      if (scalar.isPlain() && scalar.getValue().isEmpty() && scalar.getTag() == null) {
        return JsonToken.VALUE_NULL; // nothing written (an empty list item, a key without a value): YAML's null
      }
      JsonToken t = super._decodeScalar(scalar);
      if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT && !PLAIN_INTEGER.matcher(scalar.getValue()).matches()) {
        return JsonToken.VALUE_STRING; // its text as written: 010, 0x1F, 1_000, 12.50, 1e5
      }
      return t;
    }
  }
}
