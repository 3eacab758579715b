"""The GraphQL API assembled: root Query, Mutation and Subscription composed from the resolvers, and
the rules every operation runs under (access policy, query cost, input checks, error handling).
"""
