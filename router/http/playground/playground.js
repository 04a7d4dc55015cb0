// The router's playground: GraphiQL (served from this package's node_modules, never a CDN)
// with a "Query plan" panel. Every operation is sent with `Apollo-Expose-Query-Plan: true`;
// the router answers with extensions.apolloQueryPlan, shown in the panel rather than the result.
// Opened as /graphql#token=JWT (`cmp token --email E --playground`), it starts signed in: the
// token goes into the Headers editor as `Authorization: Bearer JWT` and leaves the address bar
// (a fragment never reaches the server or its logs).
(function () {
  "use strict";
  var h = React.createElement;
  var root = document.getElementById("playground");
  var endpoint = root.getAttribute("data-endpoint");
  var latestPlan = { text: null, operation: null };
  var listeners = new Set();

  function publishPlan(text, operation) {
    latestPlan = { text: text, operation: operation };
    listeners.forEach(function (listener) { listener(latestPlan); });
  }

  async function fetcher(params, options) {
    var headers = Object.assign(
      {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "apollo-expose-query-plan": "true",
      },
      (options && options.headers) || {}
    );
    var response = await fetch(endpoint, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(params),
      credentials: "same-origin",
    });
    var body = await response.json();
    var plan = body && body.extensions && body.extensions.apolloQueryPlan;
    if (plan) {
      delete body.extensions.apolloQueryPlan;
      if (Object.keys(body.extensions).length === 0) delete body.extensions;
      if (params.operationName !== "IntrospectionQuery") {
        publishPlan(plan.text, params.operationName || null);
      }
    }
    return body;
  }

  function PlanPanel() {
    var state = React.useState(latestPlan);
    React.useEffect(function () {
      listeners.add(state[1]);
      return function () { listeners.delete(state[1]); };
    }, []);
    var plan = state[0];
    return h(
      "div",
      { className: "cmp-plan" },
      h("div", { className: "graphiql-doc-explorer-title" }, "Query plan"),
      plan.text
        ? h("pre", { "data-testid": "query-plan" }, plan.text)
        : h("p", null, "Run an operation to see how the router splits it across subgraphs.")
    );
  }

  function PlanIcon() {
    return h(
      "svg",
      { viewBox: "0 0 24 24", width: 20, height: 20, fill: "none", stroke: "currentColor" },
      h("path", { d: "M4 5h6v4H4zM14 15h6v4h-6zM7 9v5h10v1", strokeWidth: 1.5 })
    );
  }

  var planPlugin = { title: "Query plan", icon: PlanIcon, content: PlanPanel };
  var search = new URLSearchParams(window.location.search);
  var token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  var app = h(GraphiQL, {
    fetcher: fetcher,
    plugins: [planPlugin],
    visiblePlugin: planPlugin,
    query: search.get("query") || undefined,
    defaultEditorToolsVisibility: token ? "headers" : true,
    shouldPersistHeaders: false,
    headers: token ? JSON.stringify({ Authorization: "Bearer " + token }, null, 2) : undefined,
  });
  ReactDOM.createRoot(root).render(app);
})();
