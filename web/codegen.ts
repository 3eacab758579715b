import type { CodegenConfig } from "@graphql-codegen/cli";

// Types of every query the app sends, generated from the server's own SDL (the contract partners
// read too). String documents: the app sends the text and needs no GraphQL runtime.
const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        documentMode: "string",
        useTypeImports: true,
        enumType: "const",
        scalars: { Date: "string", DateTime: "string", ID: "string", Upload: "File", JSON: "unknown" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
