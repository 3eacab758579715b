"""The ASGI edge: the Starlette app, its middleware, GraphQL over HTTP and over websockets, and the
GraphiQL page. Everything a request passes before the GraphQL schema runs.
"""
