/*
 * WEGO3 knowledge base search: one index per language (assets/search-index.json, made
 * by generator/search_index.py), loaded when the search box is first used.
 *
 * Bulgarian words change their endings (articles -ът/-та/-то/-те, plurals, adjective
 * forms), so the index holds stems, made at build time by the light stemmer of
 * generator/stemmer.py (Savoy 2007, Lucene's BulgarianStemmer; the S-stemmer for
 * English). Only the query is stemmed here, with the same rules (a test runs both over
 * every word of the pages), and matched against the index's stems: equal, by prefix and,
 * when nothing matches, within one or two typing mistakes.
 */
(function () {
  "use strict";

  // --- stemming (keep identical to generator/stemmer.py) ---------------------------------

  function ends(s, n, suffix) {
    return n >= suffix.length && s.slice(n - suffix.length, n).join("") === suffix;
  }

  function removeArticle(s, n) {
    if (n > 6 && ends(s, n, "ият")) return n - 3;
    if (n > 5 && (ends(s, n, "ът") || ends(s, n, "то") || ends(s, n, "те") || ends(s, n, "та") || ends(s, n, "ия"))) return n - 2;
    if (n > 4 && ends(s, n, "ят")) return n - 2;
    return n;
  }

  function removePlural(s, n) {
    if (n > 6) {
      if (ends(s, n, "овци")) return n - 3;
      if (ends(s, n, "ове")) return n - 3;
      if (ends(s, n, "еве")) { s[n - 3] = "й"; return n - 2; }
    }
    if (n > 5) {
      if (ends(s, n, "ища")) return n - 3;
      if (ends(s, n, "та")) return n - 2;
      if (ends(s, n, "ци")) { s[n - 2] = "к"; return n - 1; }
      if (ends(s, n, "зи")) { s[n - 2] = "г"; return n - 1; }
      if (s[n - 3] === "е" && s[n - 1] === "и") { s[n - 3] = "я"; return n - 1; }
    }
    if (n > 4) {
      if (ends(s, n, "си")) { s[n - 2] = "х"; return n - 1; }
      if (ends(s, n, "и")) return n - 1;
    }
    return n;
  }

  function stemBg(word) {
    var s = Array.from(word);
    var n = s.length;
    if (n < 4) return word;
    if (n > 5 && word.endsWith("ища")) return s.slice(0, n - 3).join("");
    n = removeArticle(s, n);
    n = removePlural(s, n);
    if (n > 3) {
      if (ends(s, n, "я")) n -= 1;
      if (ends(s, n, "а") || ends(s, n, "о") || ends(s, n, "е")) n -= 1;
    }
    if (n > 4 && ends(s, n, "ен")) { s[n - 2] = "н"; n -= 1; }
    if (n > 5 && s[n - 2] === "ъ") { s[n - 2] = s[n - 1]; n -= 1; }
    return s.slice(0, n).join("");
  }

  function stemEn(word) {
    if (word.length > 3 && word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) return word.slice(0, -3) + "y";
    if (word.length > 3 && word.endsWith("es") && !/(aes|ees|oes)$/.test(word)) return word.slice(0, -1);
    if (word.length > 2 && word.endsWith("s") && !/(us|ss)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  // Words that carry no subject: function words, and the words of a question or of a
  // sentence describing one's situation („къде мога да намеря…“, "how do I get…").
  var STOP = {
    bg: new Set(("и в във на за с със от по до да се че как какво е са към или не ли а но " +
      "къде кой коя кое кои кога защо колко какъв каква какви мога може можете искам търся " +
      "трябва има ми ме мен мой моя моят моето ни нас аз ти тя той те ние вие ще бих би съм сме " +
      "ако при след преди тук там нещо някой някъде много моля").split(" ")),
    en: new Set(("the a an of for to in on and or with how what is are by at as be it its from " +
      "where who whom which when why can could would should do does did i me my mine we our you your " +
      "she her he his they them there here need want get find looking please any some").split(" "))
  };

  // Bulgarian typed in Latin letters („шльокавица“): the official transliteration and the
  // keyboard habits (ж = j/zh, ш = sh/6, ч = ch/4, щ = sht/6t, я = ya/ia/q, ю = yu/iu,
  // ц = c/ts). Written here, not taken from a library: it runs on every keystroke, and the
  // habits are many-to-one, which no transliteration table covers. Letters whose Latin form
  // is ambiguous (ъ typed as a, u or y; ю as u) are left to the typo tolerance of match().
  var LATIN = [
    ["sht", "щ"], ["6t", "щ"], ["zh", "ж"], ["ch", "ч"], ["sh", "ш"], ["ts", "ц"], ["yu", "ю"], ["iu", "ю"],
    ["ya", "я"], ["ia", "я"], ["ja", "я"], ["ju", "ю"],
    ["a", "а"], ["b", "б"], ["v", "в"], ["w", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["j", "ж"], ["z", "з"],
    ["i", "и"], ["y", "й"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"],
    ["s", "с"], ["t", "т"], ["u", "у"], ["f", "ф"], ["h", "х"], ["x", "х"], ["c", "ц"], ["4", "ч"], ["6", "ш"],
    ["q", "я"]
  ];

  // A Latin word read as Bulgarian: every reading, since "ia" and "iu" are я and ю by habit
  // but и+а, и+у in many words (sotsialno), and "ts" is ц but т+с in detska. A final -ia is
  // -ия (the Transliteration Act), and so is each -ia before it while more than a letter
  // remains; counted in a loop (a call per -ia overflowed the stack on a pasted "iaiaia…").
  // At most 8 readings (3 ambiguous places).
  var AMBIGUOUS = { ia: "иа", iu: "иу", ts: "тс" };

  function cyrillic(word) {
    var ending = "";
    while (word.endsWith("ia") && word.length > 3) {
      word = word.slice(0, -2);
      ending += "ия";
    }
    var readings = [""], i = 0, choices = 0;
    while (i < word.length) {
      var rule = LATIN.find(function (pair) { return word.startsWith(pair[0], i); });
      if (!rule) {
        readings = readings.map(function (r) { return r + word[i]; });
        i += 1;
        continue;
      }
      var split = AMBIGUOUS[rule[0]];
      if (split && choices < 3) {
        choices += 1;
        readings = readings.flatMap(function (r) { return [r + rule[1], r + split]; });
      } else {
        readings = readings.map(function (r) { return r + rule[1]; });
      }
      i += rule[0].length;
    }
    return readings.map(function (reading) { return reading + ending; });
  }

  function isLatin(word) {
    return /^[a-z0-9]+$/.test(word) && /[a-z]/.test(word);
  }

  // Composed (NFC) first, as the index is: typed or pasted decomposed, „й“ is и and a
  // combining mark, which is not a letter and would cut the word in two.
  function tokens(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  // A query is searched by its first MAX_QUERY characters: the longest question people type
  // fits, and a pasted page costs no more than a question (every word is read in Latin
  // letters and compared with every word of the index). The box itself takes no more.
  var MAX_QUERY = 200;

  function queryWords(query) {
    return tokens(query.slice(0, MAX_QUERY));
  }

  // Edit distance with an early exit once every cell exceeds `max`; two neighbouring letters
  // swapped (Пловидв) count as one edit, as people expect (Damerau, optimal string alignment).
  function within(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return false;
      before = prev;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  function sharedStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // Numbers written as words („мярка три“, "fourth measure") are searched as the digit too:
  // measures are numbered, and a page's number is in its heading. Not „един/една/едно“ or
  // "one": mostly an article or a pronoun („търся една детска градина“).
  var NUMBER_WORDS = {
    bg: "първа|първи|първо:1 две|два|втора|втори|второ:2 три|трета|трети|трето:3 четири|четвърта|четвърти:4 " +
      "пет|пета|пети:5 шест|шеста|шести:6 седем|седма|седми:7 осем|осма|осми:8 девет|девета|девети:9 десет|десета|десети:10",
    en: "first:1 two|second:2 three|third:3 four|fourth:4 five|fifth:5 six|sixth:6 seven|seventh:7 eight|eighth:8 " +
      "nine|ninth:9 ten|tenth:10"
  };
  var NUMBERS = {};
  Object.keys(NUMBER_WORDS).forEach(function (lang) {
    NUMBERS[lang] = new Map();
    NUMBER_WORDS[lang].split(" ").forEach(function (entry) {
      var parts = entry.split(":");
      parts[0].split("|").forEach(function (word) { NUMBERS[lang].set(word, parts[1]); });
    });
  });

  // --- the index -------------------------------------------------------------------------

  var STEMMERS = { bg: stemBg, en: stemEn }; // as STEMMERS in stemmer.py

  // A word as a language reads it: typed in Latin letters, Bulgarian is read in Cyrillic too.
  function readingsIn(lang, word) {
    return lang === "bg" && isLatin(word) ? [word].concat(cyrillic(word)) : [word];
  }

  // The stems of one language and the pages that use them: the site's own language, or the
  // pages' titles in another one (so „kindergarten“ typed on the Bulgarian site finds the
  // page whose English title has it).
  function Space(lang, terms, postings, name) {
    this.lang = lang;
    this.terms = terms;
    this.postings = postings;
    this.name = name || "";
    this.stem = STEMMERS[lang] || function (word) { return word; };
  }

  // Index stems that match one query word, each with how well: same stem 1, a longer stem
  // beginning with the query's 0.8, the word being typed 0.7, near stem 0.6, a typing
  // mistake 0.5 (one in words of 3 to 7 letters — of 3 only where one stem is that close
  // — two from 8).
  Space.prototype.match = function (word, last) {
    var s = this.stem(word), out = new Map(), i, t;
    // The stemmer cuts a plural -ища to the root (жилища → жил) but a singular -ище only to
    // -ищ (жилище, жилището → жилищ): a singular query also finds the plural's stem.
    var plural = this.lang === "bg" && s.length >= 5 && s.endsWith("ищ") ? s.slice(0, -2) : "";
    for (i = 0; i < this.terms.length; i++) {
      t = this.terms[i];
      if (t === s || t === plural) out.set(i, 1);
      else if (s.length >= 3 && t.startsWith(s)) out.set(i, 0.8);
      else if (last && word.length >= 2 && t.startsWith(word)) out.set(i, 0.7);
      else if (t.length >= 4 && s.startsWith(t) && s.length - t.length <= 2) out.set(i, 0.6);
    }
    var exact = false;
    out.forEach(function (q) { if (q >= 0.8) exact = true; });
    if (!exact && s.length >= 7) {
      // Another part of speech of the same word (гласувах → гласуване, преквалифицирам →
      // преквалификация, accommodated → accommodation): the stems share a long beginning.
      for (i = 0; i < this.terms.length; i++) {
        t = this.terms[i];
        if (!out.has(i) && t.length >= 7 && sharedStart(t, s) >= Math.max(6, Math.ceil(0.7 * Math.min(t.length, s.length)))) out.set(i, 0.55);
      }
    }
    if (out.size === 0 && word.length >= 3) {
      var max = word.length >= 8 ? 2 : 1, near = [];
      for (i = 0; i < this.terms.length; i++) {
        t = this.terms[i];
        if ((word.length > 3 || t.length === s.length) && within(t, s, max)) near.push(i);
      }
      if (word.length > 3 || near.length === 1) near.forEach(function (n) { out.set(n, 0.5); });
    }
    return out;
  };

  // data: {version: 2, lang, docs: [[url, title, kind, summary, {lang: title}]], terms: [stem],
  // postings: [[doc, weight, doc, weight, …]], others: [{lang, name, terms, postings}]} — terms
  // are stems already.
  function Index(data) {
    this.lang = data.lang;
    this.docs = data.docs;
    this.own = new Space(data.lang, data.terms, data.postings);
    this.spaces = [this.own].concat((data.others || []).map(function (o) { return new Space(o.lang, o.terms, o.postings, o.name); }));
    this.stem = this.own.stem;
    this.stop = STOP[data.lang] || new Set();
    // How people ask (content/search/): [[said words], [the site's words]], in this language.
    this.synonyms = data.synonyms || [];
    this.titleWords = null; // for "Did you mean …?", made when first needed
  }

  Index.prototype.match = function (word, last) {
    return this.own.match(word, last);
  };

  // The matches of one query word, scored against the pages, in every space (for a word
  // typed in Latin letters on the Bulgarian site, its Cyrillic reading counts as well):
  // {scores: doc → score, own: the pages matched in the site's own language, best: the
  // best match's quality (0.5: only as a typing mistake)}.
  Index.prototype.scores = function (word, last, quality) {
    var self = this, scores = new Map(), own = new Set(), best = 0;
    self.spaces.forEach(function (space) {
      readingsIn(space.lang, word).forEach(function (reading) {
        space.match(reading, last).forEach(function (q, term) {
          var list = space.postings[term];
          var idf = Math.log(1 + self.docs.length / (list.length / 2));
          if (q > best) best = q;
          for (var k = 0; k < list.length; k += 2) {
            var score = quality * q * list[k + 1] * idf;
            if (space === self.own) own.add(list[k]);
            if (!(scores.get(list[k]) >= score)) scores.set(list[k], score);
          }
        });
      });
    });
    return { scores: scores, own: own, best: best };
  };

  // Whether a word (or part of one) matches a stem of the site's language as typed (equal
  // or the beginning of a longer one), not only as a typing mistake: a binary search in the
  // sorted stems, since splitting a word asks this of every piece of it.
  Space.prototype.knows = function (word) {
    var s = this.stem(word), terms = this.terms, low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < s) low = middle + 1; else high = middle;
    }
    return low < terms.length && (terms[low] === s || (s.length >= 3 && terms[low].startsWith(s)));
  };

  Index.prototype.known = function (word) {
    var self = this;
    return readingsIn(self.lang, word).some(function (reading) { return self.own.knows(reading); });
  };

  // Words typed without the space between them (ДЕТСКАГРАДИНА, paidleave,
  // гъвкавоработновреме): a word that finds nothing at all — not even as a typing mistake or
  // a word people use — is split where every part is a word the index knows, the most even
  // split into two first, else into three.
  // Three words run together are at most some 40 letters; a longer "word" is a paste, and
  // trying its splits would cost the square of its length in index scans.
  var MAX_RUN_TOGETHER = 40, MAX_THREE_WORDS = 28;

  Index.prototype.split = function (word) {
    var self = this, known = new Map();
    if (word.length < 6 || word.length > MAX_RUN_TOGETHER || self.scores(word, false, 1).scores.size || self.said(word)) return [word];
    function isKnown(text) {
      if (!known.has(text)) known.set(text, self.known(text));
      return known.get(text);
    }
    function into(text, parts) {
      if (parts === 1) return isKnown(text) ? [text] : null;
      var best = null;
      for (var i = 3; i <= text.length - 3 * (parts - 1); i++) {
        if (!isKnown(text.slice(0, i))) continue;
        var rest = into(text.slice(i), parts - 1);
        if (rest) {
          var found = [text.slice(0, i)].concat(rest);
          var shortest = Math.min.apply(null, found.map(function (w) { return w.length; }));
          if (!best || shortest > best.shortest) best = { words: found, shortest: shortest };
        }
      }
      return best && best.words;
    }
    return into(word, 2) || (word.length >= 9 && word.length <= MAX_THREE_WORDS && into(word, 3)) || [word];
  };

  // Whether a word is one of the words people use (content/search/), as typed.
  Index.prototype.said = function (word) {
    var self = this;
    var stems = readingsIn(self.lang, word).map(function (r) { return self.stem(r); });
    return self.synonyms.some(function (entry) {
      return entry[0].some(function (phrase) { return phrase.some(function (w) { return stems.indexOf(self.stem(w)) >= 0; }); });
    });
  };

  // A query's words in groups: a phrase people use („правна помощ“, "phone line") is one
  // group whose score also counts the site's words for it; every other word is a group.
  Index.prototype.groups = function (words) {
    var self = this;
    var stems = words.map(function (w) {
      return readingsIn(self.lang, w).map(function (r) { return self.stem(r); });
    });
    var used = new Set(), groups = [];
    self.synonyms.forEach(function (entry) {
      entry[0].forEach(function (phrase) {
        var said = phrase.filter(function (w) { return !self.stop.has(w); }).map(self.stem);
        if (!said.length) return;
        var at = said.map(function (s) {
          return stems.findIndex(function (readings) { return readings.indexOf(s) >= 0; });
        });
        if (at.some(function (i) { return i < 0 || used.has(i); })) return;
        at.forEach(function (i) { used.add(i); });
        groups.push({ words: at.map(function (i) { return words[i]; }), also: entry[1] });
      });
    });
    words.forEach(function (word, i) { if (!used.has(i)) groups.push({ words: [word], also: [] }); });
    return groups;
  };

  // The pages for a query, best first: those matching every group (each word, or phrase
  // people use), then those matching the most groups — the most distinct needs of a long
  // question — then by score. The list says whether a word was found only as a typing
  // mistake (`corrected`: "Did you mean …?" is offered with the results).
  Index.prototype.search = function (query) {
    var all = queryWords(query), self = this;
    var words = all.filter(function (w) { return !self.stop.has(w); });
    if (!words.length) words = all;
    words = words.flatMap(function (word) { return self.split(word); });
    var numbers = NUMBERS[self.lang] || new Map();
    words = words.map(function (word) { return numbers.get(word) || word; });
    var perGroup = [], own = new Set(), corrected = false;
    self.groups(words).forEach(function (group) {
      var scores = new Map(), best = 0;
      function add(word, quality) {
        var found = self.scores(word, word === words[words.length - 1], quality);
        found.own.forEach(function (doc) { own.add(doc); });
        if (found.best > best) best = found.best;
        found.scores.forEach(function (score, doc) {
          if (!(scores.get(doc) >= score)) scores.set(doc, score);
        });
      }
      group.words.forEach(function (word) { add(word, 1); });
      group.also.forEach(function (phrase) { tokens(phrase).forEach(function (word) { if (!self.stop.has(word)) add(word, 0.9); }); });
      if (scores.size) perGroup.push(scores); // a word found nowhere does not empty the results
      if (scores.size && best <= 0.5 && !group.also.length) corrected = true;
    });
    if (!perGroup.length) return [];
    // A page meets a need (a group) strongly when it scores at least half of the best page's
    // score for it: a long question's needs are counted by these, not by passing mentions.
    var total = new Map(), hits = new Map(), strong = new Map();
    perGroup.forEach(function (scores) {
      var top = Math.max.apply(null, Array.from(scores.values()));
      scores.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        hits.set(doc, (hits.get(doc) || 0) + 1);
        if (score >= top / 2) strong.set(doc, (strong.get(doc) || 0) + 1);
      });
    });
    var results = Array.from(total.keys())
      .map(function (doc) {
        return { doc: self.docs[doc], score: total.get(doc), strong: strong.get(doc) || 0, all: hits.get(doc) === perGroup.length, other: !own.has(doc) };
      })
      .sort(function (a, b) { return (b.all - a.all) || (b.strong - a.strong) || (b.score - a.score); })
      .slice(0, 20);
    results.corrected = corrected;
    return results;
  };

  // "Did you mean …?": the word of a page title closest to a query word that found nothing.
  Index.prototype.suggest = function (query) {
    var self = this;
    if (!self.titleWords) {
      self.titleWords = Array.from(new Set(self.docs.flatMap(function (d) { return tokens(d[1]); })))
        .filter(function (w) { return w.length >= 4; });
    }
    var changed = false;
    var words = queryWords(query).map(function (word) {
      if (self.stop.has(word) || word.length < 4) return word;
      var readings = readingsIn(self.lang, word);
      var best = self.titleWords.find(function (t) { return readings.indexOf(t) >= 0; }) ||
        self.titleWords.find(function (t) { return readings.some(function (r) { return within(t, r, 2); }); });
      if (best && best !== word) { changed = true; return best; }
      return word;
    });
    return changed ? words.join(" ") : "";
  };

  // --- the page --------------------------------------------------------------------------

  var form = document.querySelector("[data-kb-search]");
  if (!form) return;
  var input = form.querySelector("input");
  input.maxLength = MAX_QUERY; // a longer paste is cut where the search would cut it
  var panel = form.querySelector(".kb-search__results");
  var pageTarget = document.querySelector("[data-kb-search-page]");
  var loading = null, index = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.index)
        .then(function (response) { return response.json(); })
        .then(function (data) { index = new Index(data); return index; });
      loading.catch(function () { loading = null; }); // the next search asks again
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", null, text);
    a.href = href;
    return a;
  }

  // "Did you mean …?" with the spelling the titles use, when there is one.
  function renderSuggestion(target, query) {
    var suggestion = index ? index.suggest(query) : "";
    if (!suggestion) return;
    var p = element("p", "kb-search__suggest", form.dataset.didYouMean + " ");
    p.appendChild(link(form.dataset.root + "search/?q=" + encodeURIComponent(suggestion), suggestion));
    p.appendChild(document.createTextNode("?"));
    target.appendChild(p);
  }

  // A page found by its title in another language: that title, marked with its language.
  function otherTitle(titles) {
    var span = element("span", "kb-search__other");
    index.spaces.slice(1).forEach(function (space) {
      if (!titles[space.lang]) return;
      span.appendChild(document.createTextNode(space.name + ": "));
      var title = element("span", null, titles[space.lang]);
      title.lang = space.lang;
      span.appendChild(title);
    });
    return span;
  }

  // Nothing found: say so, and offer a spelling the titles use, the help lines, the measures.
  function renderNone(target, query, spelling) {
    var help = element("div", "kb-search__none");
    if (spelling) renderSuggestion(help, query);
    var list = element("ul", "kb-search__offers");
    var offers = [[form.dataset.helpUrl, form.dataset.helpLabel], [form.dataset.measuresUrl, form.dataset.measuresLabel]];
    offers.forEach(function (offer) {
      var item = element("li");
      item.appendChild(link(form.dataset.root + offer[0], offer[1]));
      list.appendChild(item);
    });
    help.appendChild(list);
    target.appendChild(help);
  }

  function render(target, query, results, spelling) {
    target.textContent = "";
    target.dataset.query = query;
    var count = results.length === 1 ? form.dataset.countOne : form.dataset.count.replace("{n}", results.length);
    target.appendChild(element("p", "kb-search__meta", results.length ? count : form.dataset.none));
    if (!results.length) { renderNone(target, query, spelling !== false); return; }
    if (results.corrected) renderSuggestion(target, query);
    var list = element("ol", "kb-search__list");
    results.forEach(function (result) {
      var item = element("li", "kb-search__item");
      var link = element("a", "kb-search__link");
      link.href = form.dataset.root + result.doc[0];
      link.appendChild(element("span", "kb-search__kind", result.doc[2]));
      link.appendChild(element("span", "kb-search__title", result.doc[1]));
      if (result.doc[3]) link.appendChild(element("span", "kb-search__summary", result.doc[3]));
      if (result.other) link.appendChild(otherTitle(result.doc[4] || {}));
      item.appendChild(link);
      list.appendChild(item);
    });
    target.appendChild(list);
  }

  function run() {
    var query = input.value.trim();
    var target = pageTarget || panel;
    if (!query) {
      panel.hidden = true;
      if (pageTarget) pageTarget.textContent = "";
      return;
    }
    if (!pageTarget) panel.hidden = false;
    if (!index) target.textContent = form.dataset.loading;
    load().then(function (ready) {
      if (input.value.trim() === query) render(target, query, ready.search(query));
    }).catch(function (error) {
      // Whatever failed (the index did not load, a query no one foresaw), the results of an
      // earlier query never stay on screen: the panel says nothing was found for this one
      // and offers the help lines and the measures.
      if (input.value.trim() === query) render(target, query, [], false);
      console.error(error);
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = (pageTarget || panel).querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  form.addEventListener("submit", function (event) {
    if (pageTarget) { event.preventDefault(); run(); }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) panel.hidden = true;
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });

  if (pageTarget) {
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; run(); }
    // The language switcher keeps what was searched for: the same query, in the other
    // language's search page (its links are plain addresses, built without JavaScript).
    var carryQuery = function () {
      var query = input.value.trim();
      document.querySelectorAll(".kb-lang-switch__link").forEach(function (link) {
        var target = new URL(link.getAttribute("href"), window.location.href);
        if (query) target.searchParams.set("q", query); else target.searchParams.delete("q");
        link.setAttribute("href", target.pathname + target.search);
      });
    };
    input.addEventListener("input", carryQuery);
    carryQuery();
  }

  // For tests and the benchmark: the same code the page uses.
  window.kbSearch = { stemBg: stemBg, stemEn: stemEn, tokens: tokens, load: load, Index: Index, cyrillic: cyrillic, within: within };
})();
