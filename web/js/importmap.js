// One import map for every page: the names pages import by (`codemirror`, `chart.js` …) and where the
// server serves them (WebJars on its class path, see WebJarHandler: no CDN, no build step). A classic
// script that runs before any module, so the map is in place before the first import is resolved.
(() => {
  const imports = {
    'codemirror': '/webjars/codemirror/dist/index.js',
    '@codemirror/view': '/webjars/codemirror__view/dist/index.js',
    '@codemirror/state': '/webjars/codemirror__state/dist/index.js',
    '@codemirror/language': '/webjars/codemirror__language/dist/index.js',
    '@codemirror/commands': '/webjars/codemirror__commands/dist/index.js',
    '@codemirror/search': '/webjars/codemirror__search/dist/index.js',
    '@codemirror/autocomplete': '/webjars/codemirror__autocomplete/dist/index.js',
    '@codemirror/lint': '/webjars/codemirror__lint/dist/index.js',
    '@codemirror/legacy-modes/mode/javascript': '/webjars/codemirror__legacy-modes/mode/javascript.js',
    '@codemirror/legacy-modes/mode/python': '/webjars/codemirror__legacy-modes/mode/python.js',
    '@lezer/common': '/webjars/lezer__common/dist/index.js',
    '@lezer/highlight': '/webjars/lezer__highlight/dist/index.js',
    '@lezer/lr': '/webjars/lezer__lr/dist/index.js',
    'style-mod': '/webjars/style-mod/src/style-mod.js',
    'w3c-keyname': '/webjars/w3c-keyname/index.js',
    'crelt': '/webjars/crelt/index.js',
    '@marijn/find-cluster-break': '/webjars/marijn__find-cluster-break/src/index.js',
    'chart.js': '/webjars/chart.js/dist/chart.js',
    '@kurkle/color': '/webjars/kurkle__color/dist/color.esm.js',
  };
  const map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ imports });
  document.currentScript.after(map);
})();
