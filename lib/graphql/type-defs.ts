// The GraphQL schema (SDL). Plain text with no server imports, so the manifest script can validate
// the dashboard's operations against it at build time. Money is integer cents with its currency,
// dates are YYYY-MM-DD, timestamps ISO 8601 — the same vocabulary as REST (API.md).
export const typeDefs = /* GraphQL */ `
  type Query {
    "Tracked products of the caller's workspace with their latest snapshot."
    products(query: String, sort: ProductSort = ASIN, descending: Boolean = false, first: Int = 50, after: String): ProductPage!
    "A product's global facts and metrics; null when the product is unknown."
    product(asin: String!, marketplace: String = "US"): Product
    "The workspace's alerts, newest day first."
    alerts(status: AlertStatusFilter = OPEN, asin: String, since: String, first: Int = 50, after: String): AlertPage!
    "The workspace's competitions, newest first."
    competitions(first: Int = 50, after: String): CompetitionPage!
    "One competition of the workspace; null (with a NOT_FOUND error) when unknown or another workspace's."
    competition(id: ID!): Competition
    "One stored report of the workspace."
    report(id: ID!): Report
    "ETL runs, newest day first."
    runs(first: Int = 50, after: String): RunPage!
    "One run with its first rejected items; null (with a NOT_FOUND error) when unknown."
    run(id: ID!): RunDetail
  }

  type Mutation {
    "Acknowledges an alert (analyst). Idempotent."
    acknowledgeAlert(id: ID!): Alert!
  }

  enum ProductSort {
    ASIN
    TITLE
    PRICE
    BSR
    RATING
    REVIEWS
    PRICE_CHANGE_1D
    PRICE_CHANGE_7D
    PRICE_CHANGE_30D
    BSR_CHANGE_1D
    BSR_CHANGE_7D
    BSR_CHANGE_30D
  }

  "Days a delta looks back: 1, 7 or 30."
  enum DeltaWindow {
    D1
    D7
    D30
  }

  enum AlertStatusFilter {
    OPEN
    ACKNOWLEDGED
    ALL
  }

  type ProductPage {
    items: [Product!]!
    nextCursor: String
  }

  type Product {
    asin: String!
    marketplace: String!
    title: String
    brand: String
    category: String
    imageUrl: String
    url: String
    "When the workspace started tracking it (products list only)."
    trackedSince: String
    "The latest day's metrics with deltas; null before the first scrape."
    latest: ProductSnapshot
    "Daily metrics between two dates inclusive (default: the last 30 days; at most 730)."
    series(from: String, to: String): [MetricsPoint!]!
  }

  type ProductSnapshot {
    date: String!
    currency: String
    price: Int
    listPrice: Int
    bsr: Int
    bsrCategory: String
    rating: Float
    reviews: Int
    buyboxSeller: String
    buyboxPrice: Int
    inStock: Boolean
    offersCount: Int
    priceDelta(window: DeltaWindow!): Delta!
    bsrDelta(window: DeltaWindow!): Delta!
    ratingDelta(window: DeltaWindow!): Delta!
    reviewsDelta(window: DeltaWindow!): Delta!
    "The last 30 days, oldest first."
    sparkline: [SparklinePoint!]!
  }

  "A change against the same metric some days before; null when that day is missing."
  type Delta {
    abs: Float
    pct: Float
  }

  type SparklinePoint {
    date: String!
    price: Int
    bsr: Int
  }

  type MetricsPoint {
    date: String!
    currency: String
    price: Int
    listPrice: Int
    bsr: Int
    bsrCategory: String
    rating: Float
    reviews: Int
    buyboxSeller: String
    buyboxPrice: Int
    inStock: Boolean
    offersCount: Int
  }

  type AlertPage {
    items: [Alert!]!
    nextCursor: String
  }

  type Alert {
    id: ID!
    asin: String!
    marketplace: String!
    date: String!
    metric: String!
    kind: String!
    oldValue: Float
    newValue: Float
    change: Float
    status: String!
    ruleId: ID!
    runId: ID
    createdAt: String!
    acknowledgedAt: String
    product: Product!
  }

  type CompetitionPage {
    items: [Competition!]!
    nextCursor: String
  }

  type Competition {
    id: ID!
    name: String!
    marketplace: String!
    weeklyReport: Boolean!
    main: Product!
    "Competitors in the competition's order."
    competitors: [Product!]!
    createdAt: String!
    updatedAt: String!
    "Gaps of every competitor to the main product on one day (default: the latest compared day)."
    comparison(date: String): Comparison!
    "Stored reports, newest first, without their facts."
    reports(first: Int = 20): [Report!]!
  }

  type Comparison {
    "The compared day; null before the first comparison."
    date: String
    currency: String
    main: ComparedMain
    competitors: [ComparedCompetitor!]!
    summary: ComparisonSummary
  }

  "Rank within the set, 1 = best (lowest price, best BSR, highest rating, most reviews)."
  type ComparisonRanks {
    price: Int
    bsr: Int
    rating: Int
    reviews: Int
  }

  type ComparedMain {
    asin: String!
    price: Int
    bsr: Int
    rating: Float
    reviews: Int
    buyboxSeller: String
    rank: ComparisonRanks!
    product: Product!
  }

  "A competitor's metrics and its gaps to the main product (competitor minus main)."
  type ComparedCompetitor {
    asin: String!
    price: Int
    priceGap: Delta!
    bsr: Int
    bsrGap: Int
    bsrRatio: Float
    rating: Float
    ratingGap: Float
    reviews: Int
    reviewsGap: Int
    buyboxSeller: String
    rank: ComparisonRanks!
    product: Product!
  }

  type ComparisonSummary {
    members: Int!
    cheapest: SetLeader
    bestRank: SetLeader
    highestRated: SetLeader
    mostReviewed: SetLeader
    momentumDays: Int!
    momentum: [Momentum!]!
    "The member whose BSR improved most over the momentum window, if any did."
    fastestClimber: Momentum
  }

  "The member that leads the set on one metric, with its value (price in cents, BSR, rating or reviews)."
  type SetLeader {
    asin: String!
    value: Float!
  }

  type Momentum {
    asin: String!
    priceChangePct: Float
    bsrChangePct: Float
  }

  type Report {
    id: ID!
    competitionId: ID!
    status: String!
    trigger: String!
    model: String!
    content: String!
    "The number check found a figure that is not in the facts."
    flagged: Boolean!
    inputTokens: Int
    outputTokens: Int
    costUsd: Float
    error: String
    createdAt: String!
    finishedAt: String
  }

  type RunPage {
    items: [Run!]!
    nextCursor: String
  }

  type Run {
    id: ID!
    date: String!
    marketplace: String!
    source: String!
    status: String!
    chunksDone: Int!
    chunksTotal: Int!
    itemsOk: Int!
    itemsRejected: Int!
    costUsd: Float!
    stepTimings: [StepTiming!]!
    error: String
    createdAt: String!
    startedAt: String
    finishedAt: String
    durationMs: Float
  }

  type RunDetail {
    run: Run!
    "The first 100 rejected items with their validation errors."
    rejectedItems: [RejectedItem!]!
  }

  type StepTiming {
    step: String!
    ms: Float!
  }

  type RejectedItem {
    asin: String
    chunk: Int
    error: String
  }
`;
