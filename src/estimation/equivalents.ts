/** Everyday equivalents of an amount of CO2e, each from a cited factor. */
import type { EquivalentFactor, Equivalents } from './estimation.types';

export const EQUIVALENT_FACTORS: readonly EquivalentFactor[] = [
  {
    key: 'carKm',
    kgCo2ePerUnit: 0.251,
    unit: 'km driven by an average US passenger car',
    source:
      "Green Algorithms reference values (CC-BY-4.0), passengerCar_US_perkm = 251 gCO2/km, from US EPA 'Greenhouse Gas Emissions from a Typical Passenger Vehicle'",
    url: 'https://www.epa.gov/greenvehicles/greenhouse-gas-emissions-typical-passenger-vehicle',
  },
  {
    key: 'flightsNewYorkSanFrancisco',
    kgCo2ePerUnit: 570,
    unit: 'one-way economy passenger flight New York - San Francisco',
    source:
      'Green Algorithms reference values (CC-BY-4.0), flight_NY-SF = 570,000 gCO2e, from the carbonfootprint.com flight calculator',
    url: 'https://calculator.carbonfootprint.com/calculator.aspx?tab=3',
  },
  {
    key: 'homeYears',
    kgCo2ePerUnit: 7940,
    unit: "one US home's energy use for a year",
    source:
      "US EPA Greenhouse Gas Equivalencies Calculator, 'Home energy use: 7.94 metric tons CO2 per home per year' (the figure changes between editions; earlier ones gave 8.30)",
    url: 'https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references',
  },
  {
    key: 'treeYears',
    kgCo2ePerUnit: 11,
    unit: 'CO2 absorbed by one tree in a year',
    source:
      'Green Algorithms reference values (CC-BY-4.0), treeYear = 11,000 gCO2/tree/year, from the Environmental Pollution article Green Algorithms cites',
    url: 'http://www.sciencedirect.com/science/article/pii/S0269749101002640',
  },
];

export function computeEquivalents(co2eKg: number): Equivalents {
  const out = { carKm: 0, flightsNewYorkSanFrancisco: 0, homeYears: 0, treeYears: 0 };
  for (const f of EQUIVALENT_FACTORS) out[f.key] = co2eKg / f.kgCo2ePerUnit;
  return out;
}
