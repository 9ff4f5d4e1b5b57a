// Place lookups for validating addresses, from the seeded hierarchy (cached: it changes rarely).
import type { Knex } from 'knex';
import type { PlaceLookup } from '../lib/catalogue';

interface Places {
  tehsilDistrict: Map<string, string>;
  villageTehsil: Map<string, string>;
  loadedAt: number;
}

const TTL_MS = 60_000;

export function createPlaceDirectory(db: Knex) {
  let cache: Places | undefined;
  async function load(): Promise<Places> {
    if (cache && Date.now() - cache.loadedAt < TTL_MS) return cache;
    const tehsils: { code: string; district: string }[] = await db('tehsils')
      .join('districts', 'districts.id', 'tehsils.districtId')
      .select('tehsils.code', 'districts.code as district');
    const villages: { code: string; tehsil: string }[] = await db('villages')
      .join('tehsils', 'tehsils.id', 'villages.tehsilId')
      .select('villages.code', 'tehsils.code as tehsil');
    cache = {
      tehsilDistrict: new Map(tehsils.map((t) => [t.code, t.district])),
      villageTehsil: new Map(villages.map((v) => [v.code, v.tehsil])),
      loadedAt: Date.now(),
    };
    return cache;
  }
  return {
    async lookup(): Promise<
      PlaceLookup & {
        placeOfVillage(village: string): { village: string; tehsil: string; district: string } | null;
      }
    > {
      const p = await load();
      return {
        villageExists: (v) => p.villageTehsil.has(v),
        villageInTehsil: (v, t) => p.villageTehsil.get(v) === t,
        tehsilInDistrict: (t, d) => p.tehsilDistrict.get(t) === d,
        placeOfVillage: (v) => {
          const tehsil = p.villageTehsil.get(v);
          return tehsil ? { village: v, tehsil, district: p.tehsilDistrict.get(tehsil)! } : null;
        },
      };
    },
  };
}
